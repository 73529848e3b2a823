import os
import sys


def join(a,b):
    return os.path.join(a,b)
