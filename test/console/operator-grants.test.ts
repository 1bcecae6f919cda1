/** The grants editor's pure logic: grants to switches and back, and checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftOf, draftProblem, dropsSuperadmin, emptyDraft, grantsOf, sameGrants } from '../../console/src/screens/operators/grants.ts';

describe('operator grants in the console', () => {
  it('turns grants into switches and back, merging admin_realm realms', () => {
    const draft = draftOf([{ permission: 'admin_realm', realms: ['r1'] }, { permission: 'read' }, { permission: 'admin_realm', realms: ['r2', 'r1'] }]);
    assert.deepEqual(draft, { read: true, adminRealm: true, realms: ['r1', 'r2'], adminAllRealms: false, superadmin: false });
    assert.deepEqual(grantsOf(draft), [{ permission: 'read' }, { permission: 'admin_realm', realms: ['r1', 'r2'] }]);
    assert.deepEqual(grantsOf({ ...emptyDraft(), superadmin: true, adminAllRealms: true }), [{ permission: 'admin_all_realms' }, { permission: 'superadmin' }]);
  });

  it('refuses an admin_realm switch without realms, and leaves it out of the grants', () => {
    const draft = { ...emptyDraft(), adminRealm: true };
    assert.equal(draftProblem(draft), 'no_realms');
    assert.deepEqual(grantsOf(draft), []);
    assert.equal(draftProblem({ ...draft, realms: ['r'] }), null);
  });

  it('sees a superadmin taken away, and grants equal whatever their order', () => {
    assert.equal(dropsSuperadmin([{ permission: 'superadmin' }], [{ permission: 'read' }]), true);
    assert.equal(dropsSuperadmin([{ permission: 'superadmin' }], [{ permission: 'superadmin' }, { permission: 'read' }]), false);
    assert.equal(dropsSuperadmin([{ permission: 'read' }], []), false);
    assert.equal(sameGrants([{ permission: 'read' }, { permission: 'admin_realm', realms: ['b', 'a'] }], [{ permission: 'admin_realm', realms: ['a', 'b'] }, { permission: 'read' }]), true);
    assert.equal(sameGrants([{ permission: 'read' }], [{ permission: 'superadmin' }]), false);
  });
});
