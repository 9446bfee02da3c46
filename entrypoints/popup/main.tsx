import { render } from 'preact';

function App() {
  return <p>نقي</p>;
}

const root = document.getElementById('app');
if (root) render(<App />, root);
