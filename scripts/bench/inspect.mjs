// Wren's memory as V8 sees it, after a forced collection: the bench starts Wren with
// --inspect=127.0.0.1:<port> and asks through the inspector (Chrome DevTools Protocol over a
// WebSocket: node --experimental-websocket on Node 20). RSS alone cannot say what sessions keep:
// it counts garbage not yet collected and heap grown in steps.

/** process.memoryUsage() of the inspected process right after a full GC (bytes). */
export async function memoryAfterGc(inspectPort) {
  const [page] = await (await fetch(`http://127.0.0.1:${inspectPort}/json/list`)).json();
  const ws = new WebSocket(page.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('cannot reach the inspector'));
  });
  const pending = new Map();
  ws.onmessage = (event) => {
    const message = JSON.parse(event.data);
    pending.get(message.id)?.(message);
  };
  let next = 0;
  const send = (method, params = {}) =>
    new Promise((resolve) => {
      const id = ++next;
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, method, params }));
    });
  try {
    // Twice: the first collection's finalizers can free more for the second.
    await send('HeapProfiler.collectGarbage');
    await send('HeapProfiler.collectGarbage');
    const answer = await send('Runtime.evaluate', { expression: 'JSON.stringify(process.memoryUsage())', returnByValue: true });
    return JSON.parse(answer.result.result.value);
  } finally {
    ws.close();
  }
}

/** What V8 holds for the program: the JS heap in use plus memory outside it (Buffers). */
export const retainedBytes = (usage) => usage.heapUsed + usage.external;
