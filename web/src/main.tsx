// The web explorer's entry: the GraphQL client for the whole page, and the app.
import { Provider } from '@urql/preact';
import { render } from 'preact';
import { App } from './app.js';
import { client } from './client.js';
import './styles.css';

render(
  <Provider value={client}>
    <App />
  </Provider>,
  document.getElementById('app')!,
);
