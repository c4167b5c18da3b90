"""What every app shares, without models: form field markup, pagination."""
