import { expect } from '@open-wc/testing';
import { sanitizeHtml, withoutCspTriggers } from '../../src/policy/sanitize.js';

const render = (markup: string, base?: string) => sanitizeHtml(markup, base);

describe('policy HTML sanitizing', () => {
  it('keeps the structure of a policy: headings, paragraphs, lists, tables', () => {
    const div = render('<h2>1. 수집 항목</h2><p>이름, <strong>연락처</strong></p><ul><li>a</li></ul><table><tr><td colspan="2">x</td></tr></table>');
    expect(div.querySelector('h2')!.textContent).to.equal('1. 수집 항목');
    expect(div.querySelector('strong')!.textContent).to.equal('연락처');
    expect(div.querySelector('td')!.getAttribute('colspan')).to.equal('2');
  });

  it('drops scripts, handlers, styles, frames, forms and images', () => {
    const div = render(
      '<script>window.x=1</script><style>*{}</style><p onclick="x()" style="color:red" class="c" id="i">t</p><iframe src="/"></iframe><form><input></form><img src=x onerror=alert(1)><svg><script>1</script></svg>',
    );
    expect(div.innerHTML).to.equal('<p>t</p>');
  });

  it('keeps safe links, opening in a new window, and strips dangerous ones', () => {
    const div = render('<a href="https://clinic.example/p">ok</a><a href="javascript:alert(1)">bad</a><a href="data:text/html,x">bad</a>');
    const [good, js, data] = div.querySelectorAll('a');
    expect(good.getAttribute('href')).to.equal('https://clinic.example/p');
    expect(good.target).to.equal('_blank');
    expect(good.rel).to.contain('noopener');
    expect(js.hasAttribute('href')).to.be.false;
    expect(data.hasAttribute('href')).to.be.false;
  });

  it('takes the main content of a fetched page, without its menu and footer, and resolves links against it', () => {
    const page = '<header>메뉴</header><nav>홈</nav><main><h1>방침</h1><a href="terms.html">약관</a></main><footer>주소</footer>';
    const out = render(page, 'https://clinic.example/policy/privacy.html');
    expect(out.textContent).to.equal('방침약관');
    expect(out.querySelector('a')!.getAttribute('href')).to.equal('https://clinic.example/policy/terms.html');
  });

  it('keeps from the parser what a strict CSP would report: style elements, style and on… attributes', () => {
    const markup = withoutCspTriggers('<style>p{}</style><p style="a" onclick="b()" ONLOAD=c data-x="1">hair style = on time</p><p/style=x>z</p></style >');
    expect(markup).to.not.match(/<style|\sstyle\s*=|\sonclick|\sonload|\/style=/i);
    expect(markup.replace(/\u2060/g, '')).to.contain('hair style = on time');
    expect(render('<h2>방침</h2><style>h2{color:red}</style ><p>본문</p>').innerHTML).to.equal('<h2>방침</h2><p>본문</p>');
  });

  it('unwraps unknown elements to their text', () => {
    expect(render('<font color="red">빨강</font><center>가운데</center>').innerHTML).to.equal('빨강가운데');
  });
});

describe('policy HTML sanitizing: hostile notices', () => {
  it('takes <style> elements out in linear time, closed or not (unclosed "</style a" tags froze the page for seconds)', () => {
    const started = performance.now();
    const markup = `<p>안내</p><style>${'</style a'.repeat(40_000)}`;
    expect(withoutCspTriggers(markup)).to.equal('<p>안내</p>');
    expect(performance.now() - started).to.be.below(250);
    expect(withoutCspTriggers('<p>a</p><STYLE media="x">p{}</style\n>b<style>c</style/><p>d</p>')).to.equal('<p>a</p>b<p>d</p>');
  });
});
