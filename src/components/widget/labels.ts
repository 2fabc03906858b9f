import { msg } from '../../i18n.js';

/**
 * Texts the buttons and the dialog both show: one message each. They are `widget.*`
 * messages, so they arrive with the buttons (a language's `.widget` module), before the
 * dialog, which reuses them: the directions panel's title, a form's default title, the
 * screen-reader note on links that open a new window, the close buttons.
 */
export const directionsLabel = () => msg('오시는 길', { id: 'widget.directions' });
export const costLabel = () => msg('비용 문의', { id: 'widget.cost' });
export const kakaoLabel = () => msg('카카오톡 상담', { id: 'widget.kakao' });
export const newWindowNote = () => msg('(새 창)', { id: 'widget.new-window' });
export const closeLabel = () => msg('닫기', { id: 'widget.close' });
