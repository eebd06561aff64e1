// Loaded with `node --require` into a spawned session-md: the first rename (the last step of an
// atomic write, when the temporary file is complete) sends the process the signal named in
// SESSIONMD_KILL_SIGNAL and never finishes, as if the process were stopped at that moment.
'use strict';
const fs = require('node:fs');

const signal = process.env.SESSIONMD_KILL_SIGNAL || 'SIGTERM';
fs.promises.rename = () => {
  process.kill(process.pid, signal);
  return new Promise(() => {});
};
