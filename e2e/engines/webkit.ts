import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Builder, By } from 'selenium-webdriver';
import type { Engine } from './engine';
import { freePort, waitForHttp } from './server';

/**
 * Debian's WebKitGTK through its WebKitWebDriver (package webkit2gtk-driver), which starts
 * WebKit's MiniBrowser; WebKitGTK has no headless mode, so the driver runs under xvfb-run with a
 * private X server. selenium-webdriver talks to that driver over classic WebDriver (usingServer:
 * Selenium Manager never runs, nothing is downloaded). WEBKIT_WEBDRIVER_PATH overrides the driver.
 */
export async function launchWebKit(): Promise<Engine> {
  const port = await freePort();
  const server = spawn(
    'xvfb-run',
    ['-a', '-s', '-screen 0 1400x1000x24', process.env.WEBKIT_WEBDRIVER_PATH ?? '/usr/bin/WebKitWebDriver', `--port=${port}`, '--host=127.0.0.1'],
    { detached: true, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  // xvfb-run, its Xvfb and the driver share one process group: stop them all together.
  const stopServer = () => {
    try {
      if (server.pid) process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  try {
    await waitForHttp(`http://127.0.0.1:${port}/status`, 30_000, server);
    const driver = await new Builder().usingServer(`http://127.0.0.1:${port}`).withCapabilities({ browserName: 'MiniBrowser' }).build();
    await driver.manage().window().setRect({ x: 0, y: 0, width: 1280, height: 900 });
    await driver.manage().setTimeouts({ script: 15_000, pageLoad: 30_000 });
    return {
      name: 'WebKit',
      goto: (url) => driver.get(url),
      url: () => driver.getCurrentUrl(),
      back: () => driver.navigate().back(),
      run: <T>(body: string, ...args: unknown[]) => driver.executeScript(body, ...args) as Promise<T>,
      click: (css) => driver.findElement(By.css(css)).click(),
      type: async (css, text) => {
        const field = driver.findElement(By.css(css));
        await field.click();
        await field.sendKeys(text);
      },
      typeFocused: (text) => driver.actions().sendKeys(text).perform(),
      screenshot: async (file) => {
        await writeFile(file, Buffer.from(await driver.takeScreenshot(), 'base64'));
      },
      close: async () => {
        try {
          await driver.quit();
        } finally {
          stopServer();
        }
      },
    };
  } catch (error) {
    stopServer();
    throw error;
  }
}
