/**
 * The page's referrer and title as the document has them. Page markup can shadow document
 * members by name (DOM clobbering: a review's <img name="title"> makes document.title that
 * image), and a send that stumbled on one would lose the inquiry; the getters on
 * Document.prototype cannot be shadowed by markup.
 */
const read = (name: 'referrer' | 'title'): string => {
  try {
    return String(Object.getOwnPropertyDescriptor(Document.prototype, name)!.get!.call(document));
  } catch {
    return '';
  }
};

export const pageReferrer = () => read('referrer');
export const pageTitle = () => read('title');
