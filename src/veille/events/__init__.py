"""What the events stage is made of: predicates, arguments, dates, numbers, modality, places.

Each module holds one kind of knowledge and reads its lexicon once, when the stage is built;
``veille.stages.events`` puts them together.
"""
