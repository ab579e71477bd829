"""The stages, one module each, in pipeline order (see ``veille.pipeline``).

Each module defines ``NAME``, ``NEEDS`` (what it reads from the Doc), ``SETS`` (what it writes),
and a ``Stage`` class: built once from settings (its data and models load there), then called
on each Doc.
"""
