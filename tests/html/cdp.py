"""A small Chrome DevTools Protocol driver for headless Chromium, standard library only.

Chromium is started with --remote-debugging-pipe: it reads commands from its fd 3 and writes
replies and events to its fd 4, each message one JSON object terminated by a NUL byte (no
websocket needed). The driver attaches to the browser's page target in flattened mode and
sends page commands with its sessionId.

Usage (see html_page_test.py):

    from cdp import Browser
    with Browser(width=1400, height=1000) as browser:
        browser.open("file:///tmp/page.html", ready="document.body.dataset.rendered")
        browser.key("ArrowRight")
        print(browser.eval("document.title"))
        browser.screenshot("/tmp/page.png")

Every wait has a timeout (generous: the machine may be busy); a timeout raises CdpError with
what was awaited. Chromium's stderr goes to a log file in the profile directory.
"""

import base64
import json
import os
import select
import shutil
import subprocess
import tempfile
import time

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")

# Keys that Input.dispatchKeyEvent needs a virtual key code (and code) for.
KEYS = {
    "ArrowRight": 39,
    "ArrowLeft": 37,
    "ArrowUp": 38,
    "ArrowDown": 40,
    "Home": 36,
    "End": 35,
    "Enter": 13,
    "Escape": 27,
    " ": 32,
    "Tab": 9,
}


class CdpError(Exception):
    pass


def find_chromium():
    for path in [os.environ.get("CHROMIUM", "")] + list(CHROMIUM_CANDIDATES):
        if path and os.access(path, os.X_OK):
            return path
    found = shutil.which("chromium")
    if found:
        return found
    raise CdpError("chromium is not installed (scripts/deps installs Debian's chromium package)")


class Browser:
    """One headless Chromium with one page, driven over the DevTools pipe."""

    def __init__(self, width=1280, height=1000, timeout=120.0, chromium=None, profile=None):
        self.timeout = timeout
        self.width = width
        self.height = height
        self._own_profile = profile is None
        self.profile = profile or tempfile.mkdtemp(prefix="cdp-profile-")
        chromium = chromium or find_chromium()
        # to_browser: we write, Chromium reads on its fd 3; from_browser: Chromium writes fd 4.
        to_read, self._to_write = os.pipe()
        self._from_read, from_write = os.pipe()
        self.log_path = os.path.join(self.profile, "chromium.log")
        log = open(self.log_path, "ab")

        def child_fds():
            # Via high descriptors first, in case the pipe's own fds are 3 or 4.
            high_read = os.dup2(to_read, 100)
            high_write = os.dup2(from_write, 101)
            os.dup2(high_read, 3)
            os.dup2(high_write, 4)
            os.close(high_read)
            os.close(high_write)

        args = [
            chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-first-run", "--no-default-browser-check", "--disable-extensions",
            "--remote-debugging-pipe", "--user-data-dir=" + self.profile,
            "--window-size=%d,%d" % (width, height), "about:blank",
        ]
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                        preexec_fn=child_fds,
                                        pass_fds=(3, 4, to_read, from_write))
        log.close()
        os.close(to_read)
        os.close(from_write)
        self._buffer = b""
        self._next_id = 0
        self._events = []
        self.session = None
        self._attach()

    # --- The pipe ---------------------------------------------------------------------------

    def _send(self, method, params=None, session=True):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._to_write, data)
            data = data[written:]
        return self._next_id

    def _read_message(self, deadline):
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CdpError("timed out waiting for Chromium")
            ready, _, _ = select.select([self._from_read], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_read, 1 << 16)
            if not chunk:
                raise CdpError("Chromium closed the DevTools pipe (see %s)" % self.log_path)
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def call(self, method, params=None, session=True, timeout=None):
        """Sends a command and returns its result; raises CdpError on a protocol error."""
        ident = self._send(method, params, session)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._read_message(deadline)
            if message.get("id") == ident:
                if "error" in message:
                    raise CdpError("%s: %s" % (method, message["error"]))
                return message.get("result", {})
            if "method" in message:
                self._events.append(message)

    def wait_event(self, method, timeout=None):
        """Returns the first event named `method` (already received or still to come)."""
        for i, event in enumerate(self._events):
            if event["method"] == method:
                return self._events.pop(i)
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            message = self._read_message(deadline)
            if message.get("method") == method:
                return message
            if "method" in message:
                self._events.append(message)

    def _attach(self):
        deadline = time.monotonic() + self.timeout
        while True:
            targets = self.call("Target.getTargets", session=False)["targetInfos"]
            pages = [t for t in targets if t["type"] == "page"]
            if pages:
                break
            if time.monotonic() > deadline:
                raise CdpError("no page target appeared")
            time.sleep(0.1)
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": pages[0]["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.set_viewport(self.width, self.height)

    # --- The page ---------------------------------------------------------------------------

    def set_viewport(self, width, height):
        self.width, self.height = width, height
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})

    def open(self, url, ready=None, timeout=None):
        """Navigates to `url`, waits for its load event and, if given, until the JavaScript
        expression `ready` is truthy."""
        self._events = [e for e in self._events if e["method"] != "Page.loadEventFired"]
        result = self.call("Page.navigate", {"url": url})
        if result.get("errorText"):
            raise CdpError("navigate %s: %s" % (url, result["errorText"]))
        self.wait_event("Page.loadEventFired", timeout)
        if ready:
            self.wait_for(ready, timeout)

    def eval(self, expression):
        """Evaluates a JavaScript expression in the page and returns its value (JSON-able)."""
        result = self.call("Runtime.evaluate",
                           {"expression": expression, "returnByValue": True, "awaitPromise": True})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise CdpError("evaluating %r: %s" % (expression, text))
        return result["result"].get("value")

    def wait_for(self, expression, timeout=None):
        """Polls until the expression is truthy; returns its value."""
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.eval(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise CdpError("timed out waiting for %s" % expression)
            time.sleep(0.05)

    def key(self, key, modifiers=0):
        """Presses and releases a key as a user would (real keyboard input events, which the
        page's keydown listeners receive with isTrusted = true)."""
        code = KEYS.get(key)
        params = {"key": key, "modifiers": modifiers}
        if code is not None:
            params["windowsVirtualKeyCode"] = code
            params["nativeVirtualKeyCode"] = code
            params["code"] = "Space" if key == " " else key
        elif len(key) == 1:
            params["text"] = key
            params["code"] = ("Key" + key.upper()) if key.isalpha() else ""
            params["windowsVirtualKeyCode"] = ord(key.upper())
        self.call("Input.dispatchKeyEvent", dict(params, type="keyDown"))
        self.call("Input.dispatchKeyEvent", dict(params, type="keyUp"))

    def click(self, selector):
        """Clicks the centre of the first element matching the CSS selector with the mouse."""
        box = self.eval(
            "(function(){const e=document.querySelector(%s); if(!e) return null;"
            "e.scrollIntoView({block:'center',inline:'center'});"
            "const r=e.getBoundingClientRect(); return [r.left+r.width/2, r.top+r.height/2];})()"
            % json.dumps(selector))
        if not box:
            raise CdpError("nothing to click: %s" % selector)
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent",
                      {"type": kind, "x": box[0], "y": box[1], "button": "left", "clickCount": 1})

    def screenshot(self, path, full_page=False):
        params = {"format": "png"}
        if full_page:
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
        return path

    def print_pdf(self, path):
        """Prints the page as the browser's print does (print stylesheet, A4 portrait)."""
        data = self.call("Page.printToPDF", {"paperWidth": 8.27, "paperHeight": 11.69,
                                             "printBackground": True})["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))
        return path

    def emulate_print(self, on=True):
        """Applies the print stylesheet to the live page (so the DOM can be measured)."""
        self.call("Emulation.setEmulatedMedia", {"media": "print" if on else ""})

    # --- Lifetime ---------------------------------------------------------------------------

    def close(self):
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", session=False, timeout=10)
                except (CdpError, OSError):
                    pass
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            for fd in (self._to_write, self._from_read):
                try:
                    os.close(fd)
                except OSError:
                    pass
            if self._own_profile:
                shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
