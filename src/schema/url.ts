/**
 * The one allow-list for URLs: configuration links and policy links alike. An absolute URL
 * with https:, http:, tel:, sms: or mailto:, or a root-relative path ("/api/inquiry"); a bare
 * word such as "foo" is refused (almost always a typo), as are javascript:, data: and "//host".
 * No zod here, so the sanitizer can use it without pulling the schema into its chunk.
 */
export const HTTP_URL = /^(?:https?:\/\/[^\s/?#]+[^\s]*|\/(?!\/)[^\s]*)$/i;
export const LINK_URL = /^(?:https?:\/\/[^\s/?#]+[^\s]*|(?:tel|sms|mailto):[^\s]+|\/(?!\/)[^\s]*)$/i;
