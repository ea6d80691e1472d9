// Placeholder: the shell work replaces this with the typed window.api bridge.
export {};
