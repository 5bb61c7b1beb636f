"""Scripts that build what Dubao ships or shows: the entity tagger and polyphone model, the place gazetteer, the README screenshots."""
