def run(binary, seed, **kw):
    raise NotImplementedError("textfile")
