"""Portable proof of an approval: Open Badges 3.0 credentials, signed as VC-JWT with Ed25519.

keys.py loads the signing key and publishes its public half; badges.py builds the credential
as data; signing.py signs it and tells in plain words whether a pasted one is genuine.
"""
