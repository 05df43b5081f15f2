// build.mjs resolves this virtual module to the compiled, validated dataset bundle.
declare module 'backstory:dataset' {
  import type { DatasetBundle } from '../shared/types';

  const bundle: DatasetBundle;
  export default bundle;
}
