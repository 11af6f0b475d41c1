import { describe, expect, it } from 'vitest';
import { namesReadAsRename } from '../../../src/rules/support/similar-names.js';

describe('namesReadAsRename', () => {
  it.each([
    ['authorId', 'author_id', 'case and separators'],
    ['user_name', 'username', 'separators'],
    ['email', 'email_address', 'a run of the other name that names something'],
    ['active', 'is_active', 'a flag gets its is_'],
    ['customGitSSHKey', 'customGitSSHKeyId', 'acronyms split into words'],
    ['desc', 'description', 'a short form'],
    ['org_id', 'organization_id', 'a short form in one word'],
    ['tag', 'tags', 'plural'],
    ['category', 'categories', 'plural in -ies'],
    ['adress', 'address', 'a one-letter typo'],
    ['recieved_at', 'received_at', 'two letters swapped'],
  ])('%s → %s reads as a rename (%s)', (a, b) => {
    expect(namesReadAsRename(a, b)).toBe(true);
    expect(namesReadAsRename(b, a)).toBe(true);
  });

  it.each([
    ['user_name', 'team_name', 'one shared word, the other names a different thing'],
    ['created_by', 'updated_by', 'a one-word difference that is not a spelling'],
    ['billing_address', 'shipping_address', 'two addresses'],
    ['userId', 'ownerId', 'two roles'],
    ['id', 'user_id', 'the shared run is only a function word'],
    ['post_id', 'poster_id', 'a word and a longer word, not a short form'],
    ['state', 'stage', 'one letter apart but short words'],
    ['password', 'image', 'nothing shared'],
    ['data', 'metadata', 'a word inside another word'],
  ])('%s / %s is not a rename (%s)', (a, b) => {
    expect(namesReadAsRename(a, b)).toBe(false);
    expect(namesReadAsRename(b, a)).toBe(false);
  });
});
