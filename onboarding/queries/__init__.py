"""Reads for submissions and reviews, by page: rounds (the expert's and a round's page),
frozen (the frozen copy on it), feedback, queue and calibration.

Each page costs a fixed number of queries however many rounds, reviews or files it shows.
"""
