"""The spaCy side of dotterel: the per-doc state the components share (``state``), the
pipeline assembled from the model and our components (``pipeline``), paragraph breaks as
sentence ends (``paragraphs``) and the optional two-pass parsing (``selective``).

Components import ``state`` only; ``pipeline`` imports the components. Import
``dotterel.nlp.pipeline.load_pipeline`` (or ``dotterel.load_pipeline``) to get a pipeline.
"""
