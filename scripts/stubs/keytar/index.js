'use strict';
// See package.json: only the Forge CLI's login storage uses keytar, and this project never logs in.
function unavailable() {
  return Promise.reject(new Error('keytar is not available here: the Forge CLI login store is not used offline'));
}
module.exports = {
  getPassword: unavailable,
  setPassword: unavailable,
  deletePassword: unavailable,
  findCredentials: unavailable,
  findPassword: unavailable,
};
