"""The shipped treaty files, one YAML file per proposal or baseline."""
