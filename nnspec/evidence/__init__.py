"""evidence across stacks: the matrix of pythons, numpy wheels and blas kernels, the
sensitivity of every documented value to honest arithmetic, the python 2 originals on
their own stack, the pictures, and the mutation check of the spec itself.
"""
