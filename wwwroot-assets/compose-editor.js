// The web composer's rich-text editor: a contenteditable and a toolbar of buttons carrying data-command.
// Formatting runs here, in the browser; the server only reads and writes the HTML (and sanitizes it before sending).

export function attach(editor, toolbar, owner, html) {
    editor.innerHTML = html;
    let pending = 0;
    const report = () => {
        clearTimeout(pending);
        pending = 0;
        owner.invokeMethodAsync("EditorChanged", editor.innerHTML);
    };
    const changed = () => {
        clearTimeout(pending);
        pending = setTimeout(report, 250);
    };
    const keepSelection = e => {
        if (e.target.closest("[data-command]")) {
            e.preventDefault();
        }
    };
    const command = e => {
        const button = e.target.closest("[data-command]");
        if (!button) {
            return;
        }
        e.preventDefault();
        editor.focus();
        run(button.dataset.command);
        changed();
    };
    editor.addEventListener("input", changed);
    editor.addEventListener("blur", () => pending && report());
    toolbar.addEventListener("mousedown", keepSelection);
    toolbar.addEventListener("click", command);
}

function run(name) {
    switch (name) {
        case "link": {
            const url = prompt("Link address (https://…)", "https://");
            if (url && /^(https?:|mailto:)/i.test(url)) {
                document.execCommand("createLink", false, url);
            }
            break;
        }
        case "quote":
            document.execCommand("formatBlock", false, "blockquote");
            break;
        case "clear":
            document.execCommand("removeFormat");
            document.execCommand("unlink");
            document.execCommand("formatBlock", false, "div");
            break;
        default:
            document.execCommand(name);
    }
}

export function getHtml(editor) {
    return editor.innerHTML;
}

export function setHtml(editor, html) {
    editor.innerHTML = html;
}

export function focus(element) {
    element.focus();
}
