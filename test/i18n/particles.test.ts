import { expect } from '@open-wc/testing';
import { ending, particle, withParticle } from '../../src/i18n/particles.js';

describe('Korean particles after a name', () => {
  it('follows a final consonant (받침) and its absence', () => {
    expect(withParticle('서울 하늘 모발이식 의원', '은/는')).to.equal('서울 하늘 모발이식 의원은');
    expect(withParticle('하늘 치과', '은/는')).to.equal('하늘 치과는');
    expect(withParticle('하늘의원', '이/가')).to.equal('하늘의원이');
    expect(withParticle('하늘 치과', '이/가')).to.equal('하늘 치과가');
    expect(withParticle('이름', '을/를')).to.equal('이름을');
    expect(withParticle('연락처', '을/를')).to.equal('연락처를');
    expect(withParticle('관심 진료', '을/를')).to.equal('관심 진료를');
  });

  it('treats ㄹ as a consonant, except before 로', () => {
    expect(ending('서울')).to.equal('rieul');
    expect(withParticle('하늘피부과 서울', '은/는')).to.equal('하늘피부과 서울은');
    expect(withParticle('서울', '으로/로')).to.equal('서울로');
    expect(withParticle('강남점', '으로/로')).to.equal('강남점으로');
    expect(withParticle('치과', '으로/로')).to.equal('치과로');
  });

  it('reads names ending in Latin letters as Koreans say them', () => {
    expect(withParticle('하늘 Clinic', '은/는')).to.equal('하늘 Clinic은');
    expect(withParticle('SK', '이/가')).to.equal('SK가');
    expect(withParticle('강남 ABM', '은/는')).to.equal('강남 ABM은');
    expect(withParticle('Smile', '으로/로')).to.equal('Smile로');
    expect(withParticle('하늘 Dental', '을/를')).to.equal('하늘 Dental을');
    expect(withParticle('Skin Center', '은/는')).to.equal('Skin Center는');
    expect(withParticle('Dream', '이/가')).to.equal('Dream이');
    expect(withParticle('Care', '을/를')).to.equal('Care를');
  });

  it('reads digits as Sino-Korean numbers', () => {
    expect(withParticle('1833-7488', '으로/로')).to.equal('1833-7488로'); // 팔
    expect(withParticle('02-123-4567', '으로/로')).to.equal('02-123-4567로'); // 칠
    expect(withParticle('하늘 365', '은/는')).to.equal('하늘 365는'); // 오
    expect(withParticle('의원 3', '은/는')).to.equal('의원 3은'); // 삼
    expect(withParticle('의원 6', '으로/로')).to.equal('의원 6으로'); // 육
    expect(withParticle('의원 2', '이/가')).to.equal('의원 2가'); // 이
    expect(withParticle('하늘 10', '은/는')).to.equal('하늘 10은'); // 십
    expect(withParticle('하늘 2000', '이/가')).to.equal('하늘 2000이'); // 천
    expect(withParticle('하늘 0', '은/는')).to.equal('하늘 0은'); // 영
  });

  it('skips closing brackets and punctuation at the end', () => {
    expect(withParticle('하늘의원(강남점)', '은/는')).to.equal('하늘의원(강남점)은');
    expect(withParticle('"하늘 치과"', '은/는')).to.equal('"하늘 치과"는');
  });

  it('falls back to the form after a consonant for what it cannot read', () => {
    expect(particle('', '은/는')).to.equal('은');
    expect(particle('★', '이/가')).to.equal('이');
    expect(particle('★', '으로/로')).to.equal('으로');
  });
});
