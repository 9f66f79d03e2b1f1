#!/usr/bin/env node
/**
 * Step of `npm test`: the web app's browser tests drive Debian's Chromium (CHROMIUM_PATH, default
 * /usr/bin/chromium), never a browser downloaded by a test tool. Installs it with apt when missing
 * and we may (root on Debian/Ubuntu); otherwise says how. Plain JS: it runs before tsx exists.
 */
const { execSync } = require('node:child_process');
const { existsSync } = require('node:fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(chromium)) {
  const canApt = process.getuid && process.getuid() === 0 && existsSync('/usr/bin/apt-get');
  if (!canApt) {
    process.stderr.write(`[chromium] ${chromium} is missing: install Debian's chromium (sudo apt-get install chromium) or set CHROMIUM_PATH.\n`);
    process.exit(1);
  }
  process.stderr.write('[chromium] installing Debian\'s chromium for the browser tests (apt-get)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execSync('apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core', { stdio: 'inherit', env });
}
