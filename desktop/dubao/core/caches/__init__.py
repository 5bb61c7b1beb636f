"""Derived caches: where each one is found (`cache_files`: the prebuilt copy shipped with the app, else the user's
cache folder, keyed so a changed input or machine rebuilds it) and how the large ones are written and read in
slices that never hold the interpreter long (`chunked_marshal`)."""
