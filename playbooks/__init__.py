"""Example scenario playbooks (Dutch YAML), shipped with the package.

Data only: ``radar.playbooks`` loads and validates them.
"""
