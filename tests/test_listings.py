"""the listing table says what the programs of nnspec/reference do: read from the programs, not run."""
import inspect
import re

import pytest

from nnspec import listings


@pytest.mark.parametrize('listing', listings.ALL, ids=lambda l: l.run)
def test_each_listing_names_a_program_of_the_reference(listing):
    assert hasattr(listing.reference(), 'run'), listing.module


@pytest.mark.parametrize('listing', listings.CASES, ids=lambda l: l.run)
def test_a_trask_listing_runs_the_iterations_the_table_gives(listing):
    assert inspect.signature(listing.reference().run).parameters['iterations'].default == listing.iterations


@pytest.mark.parametrize('listing', listings.SWEEPS, ids=lambda l: l.run)
def test_a_sweep_runs_the_alphas_and_hidden_size_the_table_gives(listing):
    program = listing.reference()
    assert program.alphas == list(listing.alphas)
    drawn = re.search(r'synapse_0=2\*np\.random\.random\(\(3,(\w+)\)\)', inspect.getsource(program).replace(' ', ''))
    assert int(getattr(program, drawn.group(1), None) or drawn.group(1)) == listing.hidden


def test_every_sensitive_alpha_is_one_the_listing_runs():
    for listing in listings.ALL:
        assert set(listing.sensitive) <= set(listing.alphas), listing.run


@pytest.mark.parametrize('listing', listings.SWEEPS, ids=lambda l: l.run)
def test_the_alpha_labels_are_how_the_reference_names_its_alphas(listing):
    assert list(listings.ALPHA_LABELS) == [str(a) for a in listing.reference().alphas]
