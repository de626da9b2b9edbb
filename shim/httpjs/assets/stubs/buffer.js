// safe-buffer: the runtime's Buffer when the instance provides one; otherwise a stand-in whose use throws.
function Unavailable() { throw new Error('Buffer is not available in this runtime'); }
module.exports = {
  Buffer: typeof Buffer === 'function' ? Buffer : Object.assign(Unavailable, { from: Unavailable, alloc: Unavailable, allocUnsafe: Unavailable, allocUnsafeSlow: Unavailable }),
};
