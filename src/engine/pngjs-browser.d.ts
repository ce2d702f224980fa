/** pngjs's browser build (a browserify bundle of the same library): the same `PNG` class as Node's entry. */
declare module "pngjs/browser.js" {
  const pngjs: { PNG: typeof import("pngjs").PNG };
  export default pngjs;
}
