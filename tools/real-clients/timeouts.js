// Shared by the client scripts: a promise that fails with a message naming the step when it does not settle in time.
function withTimeout(promise, seconds, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${seconds} s`)), seconds * 1000);
  })]).finally(() => clearTimeout(timer));
}

exports.withTimeout = withTimeout;
