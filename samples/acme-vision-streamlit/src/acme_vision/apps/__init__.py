"""The Streamlit apps of acme-vision (mx generate StreamlitApp --name NAME), one module each.

Each runs with `streamlit run src/acme_vision/apps/NAME.py` and, in the cluster, at
https://NAME.<subdomain> behind Identity-Aware Proxy after `mx app deploy NAME`.
"""
