"""nnspec: do the toy neural-network tutorials still print what the posts printed?"""
__version__ = '0.1.0'
