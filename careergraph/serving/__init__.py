"""Running careergraph: the served graph and its reloads, uvicorn's protocol with limits, the serve command."""
