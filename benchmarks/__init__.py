"""Scripts that print Dubao's figures: speed, memory and accuracy. Run each from the repository root with the
package installed, e.g. `python -m benchmarks.split_speed`; the dev data is read from `../shared/data/`.
`benchmarks/builders/` holds the scripts that build what the project ships or shows (trained models, the
gazetteer, the README's screenshots): `python -m benchmarks.builders.entities_train --ship`."""
