// Vite asset imports: `?no-inline` always emits a file (panels.create needs a path inside the extension).
declare module '*?no-inline' {
  const url: string;
  export default url;
}
