"""What a screen reader hears of Marginalia, through AT-SPI from outside the process.

Run by `screen-reader-run` with the window open on ARTICLE.txt: reads the article's text
from the accessibility tree and compares it with the file's, follows the caret and the
selection as the keys move them, presses the Claim button through its Action interface, finds
the annotation that makes by its name, saves with the keys and reads the status bar's message,
and checks the annotation in the saved file.

Usage: screen_reader.py ARTICLE.txt (WINDOW, the X window, and BINARY, Marginalia, in the
environment)
"""

import json
import os
import subprocess
import sys
import time

import pyatspi

article_path = sys.argv[1]
window, binary = os.environ["WINDOW"], os.environ["BINARY"]
article = open(article_path, encoding="utf-8").read()


def keys(*names):
    subprocess.run(["xdotool", "windowfocus", "--sync", window], check=True)
    subprocess.run(["xdotool", "key", "--delay", "80", *names], check=True)
    time.sleep(0.6)


def nodes(root):
    """Every node under root, depth first."""
    stack = [root]
    while stack:
        node = stack.pop()
        if node is None:
            continue
        yield node
        stack.extend(node.getChildAtIndex(i) for i in reversed(range(node.childCount)))


def wait_for(what, find, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        found = find()
        if found is not None:
            return found
        time.sleep(0.3)
    sys.exit(f"screen reader: {what} not found within {timeout} s")


def application():
    desktop = pyatspi.Registry.getDesktop(0)
    for i in range(desktop.childCount):
        app = desktop.getChildAtIndex(i)
        if app is not None and app.name == "marginalia":
            return app
    return None


def first(role, name=None, starts=None):
    def find():
        for node in nodes(app):
            if node.getRoleName() != role:
                continue
            if name is not None and node.name != name:
                continue
            if starts is not None and not node.name.startswith(starts):
                continue
            return node
        return None

    return find


app = wait_for("the application", application)

# The article as text: every character of the file, Hebrew included.
document = wait_for("the article", first("document frame", name="Mayor speaks"))
text = document.queryText()
heard = text.getText(0, -1)
assert heard == article, f"the article reads {heard!r}, the file holds {article!r}"
print(f"screen reader: the article reads as the file's {text.characterCount} characters")

# The caret and the selection follow the keys.
keys("ctrl+End")
assert text.caretOffset == len(article), (text.caretOffset, len(article))
keys("ctrl+shift+Left", "ctrl+shift+Left")
start, end = text.getSelection(0)
selected = text.getText(start, end)
assert selected == "council disagreed.", f"the selection reads {selected!r}"
print(f"screen reader: the caret at the end, then the selection {selected!r}")

# The Claim button pressed through its Action interface.
claim = wait_for("the Claim button", first("push button", starts="Claim"))
action = claim.queryAction()
names = [action.getName(i) for i in range(action.nActions)]
assert "click" in names, names
action.doAction(names.index("click"))
time.sleep(1)

# The annotation it made, found by its name.
spoken = "Claim: council disagreed."
annotation = wait_for(spoken, lambda: next(
    (n for n in nodes(app) if n.name == spoken and n.getRoleName() != "push button"), None))
print(f"screen reader: the annotation node {annotation.getRoleName()} {annotation.name!r}")

# Saved with the keys (the typed path, then Enter); the status bar says so.
keys("ctrl+s")
keys("Return")
message = wait_for("the message after saving", first("label", starts="Saved"))
print(f"screen reader: the status bar says {message.name!r}")

saved_path = message.name.removeprefix("Saved ")
spans = subprocess.run([binary, "export", saved_path, "--format", "jsonl"], check=True,
                       capture_output=True, text=True).stdout
doc = json.loads(spans.splitlines()[0])
got = [(s["label"], s["text"]) for s in doc["spans"]]
assert got == [("claim", "council disagreed.")], got
print(f"screen reader: the saved file holds {got}")
