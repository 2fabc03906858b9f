/** Which addresses count as one client for the rate limits. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clientNetwork } from '../../server/domain/client-network.js';

describe('clientNetwork', () => {
  it('keeps an IPv4 address whole, also one written as IPv4-mapped IPv6', () => {
    assert.equal(clientNetwork('203.0.113.7'), '203.0.113.7');
    assert.equal(clientNetwork('::ffff:203.0.113.7'), '203.0.113.7');
  });

  it('takes an IPv6 address by its /64, however it is written', () => {
    for (const address of ['2001:db8:1:2::a', '2001:0db8:0001:0002:0:0:0:a', '2001:db8:1:2:ffff:ffff:ffff:ffff', '2001:db8:1:2::1%eth0']) {
      assert.equal(clientNetwork(address), '2001:db8:1:2::/64', address);
    }
    assert.equal(clientNetwork('2001:db8::1'), '2001:db8:0:0::/64');
    assert.equal(clientNetwork('::1'), '0:0:0:0::/64');
    assert.equal(clientNetwork('64:ff9b::203.0.113.7'), '64:ff9b:0:0::/64');
    assert.notEqual(clientNetwork('2001:db8:1:2::a'), clientNetwork('2001:db8:1:3::a'));
  });

  it('leaves anything else as it is', () => {
    assert.equal(clientNetwork('not an address'), 'not an address');
  });
});
