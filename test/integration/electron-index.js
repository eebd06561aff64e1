// The `extensionTestsPath` for @vscode/test-electron (npm run test:electron): VS Code calls
// run() inside the Extension Development Host; it runs the same suite bundle as the offline
// code-server run (dist-test/integration.js, built by test/integration/build.mjs).
'use strict';

const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  const mocha = new Mocha({ ui: 'bdd', color: true, timeout: Number(process.env.SESSIONMD_TEST_TIMEOUT || 30000) });
  if (process.env.SESSIONMD_TEST_GREP) mocha.grep(process.env.SESSIONMD_TEST_GREP);
  mocha.addFile(process.env.SESSIONMD_TEST_ENTRY || path.resolve(__dirname, '../../dist-test/integration.js'));
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
};
