// Placeholder created by the recorder/build engineer so the build has an input; the panel engineer owns this file.
import { render } from 'preact';

render(<p>Cache Lens panel (placeholder)</p>, document.getElementById('app')!);
