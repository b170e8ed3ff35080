// paiban drives the system's Chrome/Chromium (see src/render/browser.ts);
// puppeteer must not try to download a browser of its own at install time.
module.exports = { skipDownload: true };
