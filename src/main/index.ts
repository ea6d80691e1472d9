// Placeholder: the shell work replaces this with the Electron app lifecycle.
export {};
