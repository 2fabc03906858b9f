/** The inbox's entry: the page's own styles, then the app element. */
import './page.css';
import './inbox-app.js';
