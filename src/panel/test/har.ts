/** Test HAR files for the panel. */

/** A HAR of one response captured in 2015. */
export function oldHar(cacheControl = 'max-age=600'): string {
  return JSON.stringify({
    log: {
      version: '1.2',
      creator: { name: 'test', version: '1' },
      pages: [],
      entries: [
        {
          startedDateTime: '2015-06-01T10:00:00.000Z',
          time: 120,
          request: {
            method: 'GET',
            url: 'https://old.example/app.js',
            httpVersion: 'HTTP/1.1',
            headers: [{ name: 'Cookie', value: 'sid=1' }],
            queryString: [],
            cookies: [],
            headersSize: -1,
            bodySize: 0,
          },
          response: {
            status: 200,
            statusText: 'OK',
            httpVersion: 'HTTP/1.1',
            headers: [
              { name: 'Date', value: 'Mon, 01 Jun 2015 10:00:00 GMT' },
              { name: 'Cache-Control', value: cacheControl },
              { name: 'ETag', value: '"old"' },
            ],
            cookies: [],
            content: { size: 0, mimeType: 'application/javascript' },
            redirectURL: '',
            headersSize: -1,
            bodySize: 0,
          },
          cache: {},
          timings: { send: 0, wait: 100, receive: 20 },
        },
      ],
    },
  });
}
