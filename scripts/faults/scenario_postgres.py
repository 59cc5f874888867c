def run(binary, seed, **kw):
    raise NotImplementedError("postgres")
