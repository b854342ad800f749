import 'reflect-metadata';
import { runCli } from './program';

void runCli(process.argv).then((code) => {
  process.exitCode = code;
  // Everything is closed by now; this only guards against a driver keeping the process alive.
  setTimeout(() => process.exit(code), 2_000).unref();
});
