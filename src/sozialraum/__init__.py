"""Sozialraum: Plattform für sozialraumorientierte Kinder- und Jugendhilfe."""

__version__ = "0.1.0"
