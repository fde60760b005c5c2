import { render, screen } from '@testing-library/react';
import { App, PAGES } from './app';

describe('App', () => {
  afterEach(() => {
    delete PAGES['test-module'];
  });

  it('renders the page registered for the module key', () => {
    PAGES['test-module'] = () => <p>registered page</p>;
    render(<App moduleKey="test-module" />);
    expect(screen.getByText('registered page')).toBeInTheDocument();
  });

  it('explains, instead of rendering nothing, when the module key is unknown', () => {
    render(<App moduleKey="not-a-module" />);
    expect(screen.getByText('Unknown page')).toBeInTheDocument();
  });
});
