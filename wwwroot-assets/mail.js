// Webmail keyboard shortcuts: forwards the keys the mail page knows to .NET, never while the reader types into a
// field or editor, or while a dialog or menu is open.
const keys = new Set(['j', 'k', 'ArrowDown', 'ArrowUp', 'Enter', 'r', 'a', 'f', 'c', 'Delete', 'Shift+Delete', '#',
    'u', 's', '!', 'e', 'x', '?']);

const notText = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image', 'range', 'color', 'file']);

function typing(target) {
    if (!(target instanceof Element)) {
        return false;
    }

    if (target instanceof HTMLInputElement) {
        return !notText.has(target.type);
    }

    return target.isContentEditable || target.closest('textarea, select, [contenteditable=""], [contenteditable="true"]') !== null;
}

export function attachShortcuts(dotnet) {
    const onKey = event => {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
            return;
        }

        if (document.querySelector('.mud-dialog-container, .mud-popover-open')) {
            return;
        }

        if (event.key === '/') {
            const search = document.querySelector('[data-testid=search] input, input[data-testid=search]');
            if (search) {
                event.preventDefault();
                search.focus();
            }
            return;
        }

        const key = event.key === 'Delete' && event.shiftKey ? 'Shift+Delete' : event.key;
        if (!keys.has(key) || (key === 'Enter' && event.target instanceof Element && event.target.closest('a, button'))) {
            return;
        }

        event.preventDefault();
        dotnet.invokeMethodAsync('OnShortcutAsync', key);
    };
    document.addEventListener('keydown', onKey);
    document.documentElement.dataset.mailShortcuts = 'on';
    return {
        dispose: () => {
            document.removeEventListener('keydown', onKey);
            delete document.documentElement.dataset.mailShortcuts;
        },
    };
}

// Keeps the keyboard cursor's row in view in the virtualised list (rows have a fixed height).
export function scrollToRow(container, index, height) {
    if (!container) {
        return;
    }

    const top = index * height;
    if (top < container.scrollTop) {
        container.scrollTop = top;
    } else if (top + height > container.scrollTop + container.clientHeight) {
        container.scrollTop = top + height - container.clientHeight;
    }
}
