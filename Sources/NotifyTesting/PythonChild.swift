/// Lines the Python servers the tests start (receivers, SMTP sink, proxy) share.
enum PythonChild {
    /// Ends the script once the test process that started it is gone (it is reparented),
    /// so a crashed test run leaves no server behind. Needs `os`, `threading` and `time`.
    static let exitWithParent = """
        parent = os.getppid()
        def watch_parent():
            # Exit once the test process is gone (reparented), so a crashed run leaves no server.
            while os.getppid() == parent: time.sleep(0.5)
            os._exit(0)
        threading.Thread(target=watch_parent, daemon=True).start()
        """
}
