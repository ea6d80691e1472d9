import { createRoot } from 'react-dom/client';

// Placeholder: the renderer foundation replaces this.
createRoot(document.getElementById('root') as HTMLElement).render(<p>Watchfloor</p>);
